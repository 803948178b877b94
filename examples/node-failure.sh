# Pod A was created directly, Pod B by a Deployment. When their node fails, the Deployment creates
# a replacement for B on a healthy node about five minutes later; nothing brings A back.
kubectl create deployment pod-b --image=idealism/kubia
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: pod-a
spec:
  nodeName: worker-1
  containers:
  - name: kubia
    image: idealism/kubia
EOF
sim advance 20s
kubectl get pods -o wide
sim node fail worker-1
# The node lifecycle controller waits 50 s without heartbeats before marking the node NotReady.
sim advance 1m
kubectl get nodes
kubectl get pods -o wide
# The pods tolerate the unreachable taint for 300 s, then they are evicted.
sim advance 5m20s
kubectl get pods -o wide
kubectl get deployment pod-b
