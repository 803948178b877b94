# Seed 003, fine parallel processing: a Redis list job2 drained by two workers.
kubectl apply -f redis-pod.yaml
kubectl apply -f redis-service.yaml
sim advance 20s
kubectl exec -i redis-master -- redis-cli -h redis <<EOF
rpush job2 "apple"
rpush job2 "banana"
rpush job2 "cherry"
rpush job2 "date"
rpush job2 "fig"
rpush job2 "grape"
rpush job2 "lemon"
rpush job2 "melon"
rpush job2 "orange"
lrange job2 0 -1
EOF
kubectl apply -f job-wq-2.yaml
sim advance 10s
kubectl describe jobs/job-wq-2
sim advance 2m
kubectl get jobs
kubectl logs -l job-name=job-wq-2
kubectl exec redis-master -- redis-cli -h redis llen job2
