# Seed 001: a Deployment keeps three kubia pods; a deleted pod is replaced.
kubectl create -f kubia-deployment.yaml
sim advance 30s
kubectl get pods -o wide
kubectl exec deploy/kubia -- curl -s http://localhost:8080
kubectl delete pod -l app=kubia --wait=false
sim advance 1s
kubectl get pods
sim advance 30s
kubectl get pods
# The seed's matchExpressions manifest says "app: app" where "key: app" was meant:
kubectl create -f kubia-deployment-matchexpressions.yaml
